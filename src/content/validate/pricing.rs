//! `pricing.toml`: every table read on its own, every rate checked.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::fields;
use crate::content::raw;
use crate::pricing::{
    ApiGatewayPrices, Arch, Ec2Prices, EcrPrices, FargatePrices, FargateRates, FargateSize, InstanceType, LambdaPrices,
    LightsailBundle, LightsailPrices, PriceBook, Provenance, Tier,
};
use crate::report::{Reporter, SourceText, comma_list};

/// The most memory sizes one Fargate vCPU size may offer (AWS offers at most 23).
pub const MAX_MEMORY_SIZES: usize = 1_000;
/// The most entries of any list in pricing.toml (task sizes, instance types, bundles, tiers).
pub const MAX_PRICE_ENTRIES: usize = 1_000;

const REQUIRED: [&str; 4] = ["lambda", "fargate", "ec2", "ecr"];
const OPTIONAL: [&str; 2] = ["api_gateway", "lightsail"];

pub(super) fn check(c: &mut Reporter, f: &SourceText<'_>) -> Option<PriceBook> {
    let mut doc = c.parse(f)?;
    let known = ["region", "currency"].iter().chain(&REQUIRED).chain(&OPTIONAL).copied().collect::<Vec<_>>();
    let unknown: Vec<_> =
        doc.get_ref().iter().filter(|(k, _)| !known.contains(&k.get_ref().as_ref())).map(|(k, _)| k.clone()).collect();
    for key in unknown {
        c.at(f, &key.span(), format!("unknown key `{}`; pricing.toml has {}", key.get_ref(), comma_list(&known)));
        doc.get_mut().remove(key.get_ref().as_ref());
    }
    let mut tables: Vec<(&str, Option<Spanned<DeValue<'_>>>)> = Vec::new();
    for name in REQUIRED.iter().chain(&OPTIONAL) {
        tables.push((name, doc.get_mut().remove(*name)));
    }
    let header = c.de_table::<raw::PricingHeader>(f, doc);
    let mut get = |name: &str| tables.iter_mut().find(|(n, _)| *n == name).and_then(|(_, v)| v.take());
    let (lambda, fargate, ec2, ecr) = (get("lambda"), get("fargate"), get("ec2"), get("ecr"));
    let (api, lightsail) = (get("api_gateway"), get("lightsail"));
    for (name, value) in REQUIRED.iter().zip([&lambda, &fargate, &ec2, &ecr]) {
        if value.is_none() {
            c.at(f, &(0..0), format!("pricing.toml has no [{name}] table; add it with its rates, source and as_of"));
        }
    }
    let mut p = PriceCheck { c, f, ok: true };
    let lambda = lambda.and_then(|v| p.c.de::<raw::Lambda>(f, v)).map(|t| p.lambda(&t));
    let fargate = fargate.and_then(|v| p.c.de::<raw::Fargate>(f, v)).map(|t| p.fargate(&t));
    let ec2 = ec2.and_then(|v| p.c.de::<raw::Ec2>(f, v)).map(|t| p.ec2(&t));
    let ecr = ecr.and_then(|v| p.c.de::<raw::Ecr>(f, v)).map(|t| EcrPrices {
        provenance: p.provenance(&t.source, &t.as_of),
        storage_gb_month: p.rate(&t.storage_gb_month, "storage_gb_month"),
    });
    let api_missing = api.is_none();
    let api_gateway = api.and_then(|v| p.c.de::<raw::ApiGateway>(f, v)).map(|t| ApiGatewayPrices {
        provenance: p.provenance(&t.source, &t.as_of),
        http_per_million: p.rate(&t.http_per_million, "http_per_million"),
        rest_per_million: p.rate(&t.rest_per_million, "rest_per_million"),
    });
    let lightsail_missing = lightsail.is_none();
    let lightsail = lightsail.and_then(|v| p.c.de::<raw::Lightsail>(f, v)).map(|t| p.lightsail(&t));
    let ok = p.ok;
    let header = header?;
    fields::text(c, f, &header.region, "region", false);
    let currency = header.currency.get_ref();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        c.at(f, &header.currency.span(), format!("currency `{currency}` must be a three-letter code like USD"));
        return None;
    }
    if !ok || (api_gateway.is_none() && !api_missing) || (lightsail.is_none() && !lightsail_missing) {
        return None;
    }
    Some(PriceBook {
        region: header.region.into_inner(),
        currency: header.currency.into_inner(),
        lambda: lambda?,
        fargate: fargate?,
        ec2: ec2?,
        ecr: ecr?,
        api_gateway,
        lightsail,
    })
}

struct PriceCheck<'a, 'c> {
    c: &'c mut Reporter,
    f: &'a SourceText<'a>,
    ok: bool,
}

impl PriceCheck<'_, '_> {
    fn err(&mut self, span: &Range<usize>, msg: String) {
        self.c.at(self.f, span, msg);
        self.ok = false;
    }

    fn provenance(&mut self, source: &Spanned<String>, as_of: &Spanned<toml::value::Datetime>) -> Provenance {
        fields::url(self.c, self.f, source, "source url");
        let d = as_of.get_ref();
        let date = match (&d.date, &d.time) {
            (Some(date), None) => date.to_string(),
            _ => {
                self.err(&as_of.span(), format!("as_of `{d}` must be a date like 2026-11-01"));
                String::new()
            }
        };
        Provenance { source: source.get_ref().clone(), as_of: date }
    }

    /// A price: positive and finite.
    fn rate(&mut self, value: &Spanned<f64>, name: &str) -> f64 {
        let v = *value.get_ref();
        if v.is_finite() && v > 0.0 {
            self.sane(&value.span(), v, name);
        } else {
            self.err(&value.span(), format!("{name} must be a positive number, not {v}"));
        }
        v
    }

    /// A quantity: zero or more.
    fn amount(&mut self, value: &Spanned<f64>, name: &str) -> f64 {
        let v = *value.get_ref();
        if v.is_finite() && v >= 0.0 {
            self.sane(&value.span(), v, name);
        } else {
            self.err(&value.span(), format!("{name} must be zero or more, not {v}"));
        }
        v
    }

    /// Any number: finite and of a size a course can use.
    fn sane(&mut self, span: &Range<usize>, v: f64, name: &str) -> bool {
        let ok = fields::number(self.c, self.f, span, v, name);
        self.ok &= ok;
        ok
    }

    /// The memory sizes one vCPU size offers: a list, or a range with a step, at most
    /// [`MAX_MEMORY_SIZES`] of them either way (a range is counted before it is listed).
    fn memory_sizes(&mut self, memory: &Spanned<raw::MemoryChoices>) -> Vec<f64> {
        let span = memory.span();
        let too_many = |n: f64| {
            format!(
                "memory_gb gives {} sizes; at most {} sizes per vCPU are allowed: take a larger step",
                crate::fmt::num(n),
                crate::fmt::num(MAX_MEMORY_SIZES as f64)
            )
        };
        let sizes = match memory.get_ref() {
            raw::MemoryChoices::List(list) => {
                if list.len() > MAX_MEMORY_SIZES {
                    self.err(&span, too_many(list.len() as f64));
                    return Vec::new();
                }
                if !list.iter().all(|m| self.sane(&span, *m, "memory_gb")) {
                    return Vec::new();
                }
                list.clone()
            }
            raw::MemoryChoices::Range { min, max, step } => {
                let (min, max, step) = (*min, *max, *step);
                if ![min, max, step].iter().all(|x| self.sane(&span, *x, "memory_gb range")) {
                    return Vec::new();
                }
                if !(step > 0.0 && min <= max && min > 0.0) {
                    self.err(&span, "memory_gb range needs 0 < min <= max and step > 0".into());
                    return Vec::new();
                }
                let n = ((max - min) / step + 1e-9).floor() + 1.0;
                if n > MAX_MEMORY_SIZES as f64 {
                    self.err(&span, too_many(n));
                    return Vec::new();
                }
                (0..n as usize).map(|i| min + step * i as f64).collect()
            }
        };
        if sizes.is_empty() || sizes.iter().any(|m| *m <= 0.0) || sizes.windows(2).any(|w| w[0] >= w[1]) {
            self.err(&span, "memory_gb must list positive sizes in rising order".into());
        }
        sizes
    }

    /// Whether a list is short enough to read entry by entry.
    fn not_too_many<T>(&mut self, list: &Spanned<Vec<T>>, name: &str) -> bool {
        let n = list.get_ref().len();
        if n > MAX_PRICE_ENTRIES {
            self.err(
                &list.span(),
                format!(
                    "{name} has {} entries; at most {} are allowed in a list of pricing.toml",
                    crate::fmt::num(n as f64),
                    crate::fmt::num(MAX_PRICE_ENTRIES as f64)
                ),
            );
        }
        n <= MAX_PRICE_ENTRIES
    }

    fn tiers(&mut self, tiers: &Spanned<Vec<Spanned<raw::Tier>>>, arch: &str) -> Vec<Tier> {
        if !self.not_too_many(tiers, &format!("lambda.{arch}")) {
            return Vec::new();
        }
        let list = tiers.get_ref();
        if list.is_empty() {
            self.err(
                &tiers.span(),
                format!("lambda.{arch} has no duration tiers; add at least {{ per_gb_second = ... }}"),
            );
        }
        let mut out = Vec::new();
        let mut last_bound = 0.0;
        for (i, t) in list.iter().enumerate() {
            let t = t.get_ref();
            let rate = self.rate(&t.per_gb_second, "per_gb_second");
            let is_last = i + 1 == list.len();
            let up_to = match (&t.up_to, is_last) {
                (Some(u), true) => {
                    self.err(&u.span(), format!("the last lambda.{arch} tier must be open-ended: remove its up_to"));
                    None
                }
                (None, false) => {
                    self.err(&t.per_gb_second.span(), format!("only the last lambda.{arch} tier may leave out up_to"));
                    None
                }
                (Some(u), false) => {
                    let v = *u.get_ref();
                    if self.sane(&u.span(), v, "up_to") && v <= last_bound {
                        self.err(
                            &u.span(),
                            format!("lambda.{arch} tiers must rise: up_to {v} is not above {last_bound}"),
                        );
                    }
                    last_bound = v;
                    Some(v)
                }
                (None, true) => None,
            };
            out.push(Tier { up_to, per_gb_second: rate });
        }
        out
    }

    fn lambda(&mut self, t: &raw::Lambda) -> LambdaPrices {
        LambdaPrices {
            provenance: self.provenance(&t.source, &t.as_of),
            request_per_million: self.rate(&t.request_per_million, "request_per_million"),
            free_requests: self.amount(&t.free_requests, "free_requests"),
            free_gb_seconds: self.amount(&t.free_gb_seconds, "free_gb_seconds"),
            ephemeral_included_mb: self.amount(&t.ephemeral_included_mb, "ephemeral_included_mb"),
            ephemeral_gb_second: self.rate(&t.ephemeral_gb_second, "ephemeral_gb_second"),
            x86_64: self.tiers(&t.x86_64, "x86_64"),
            arm64: self.tiers(&t.arm64, "arm64"),
        }
    }

    fn fargate_rates(&mut self, r: &Spanned<raw::FargateRates>) -> FargateRates {
        let r = r.get_ref();
        FargateRates { vcpu_hour: self.rate(&r.vcpu_hour, "vcpu_hour"), gb_hour: self.rate(&r.gb_hour, "gb_hour") }
    }

    fn fargate(&mut self, t: &raw::Fargate) -> FargatePrices {
        let mut sizes: Vec<FargateSize> = Vec::new();
        let listed = if self.not_too_many(&t.sizes, "fargate.sizes") { t.sizes.get_ref().as_slice() } else { &[] };
        if t.sizes.get_ref().is_empty() {
            self.err(&t.sizes.span(), "fargate.sizes is empty; list the task sizes Fargate offers".into());
        }
        for s in listed {
            let s = s.get_ref();
            let vcpu = self.rate(&s.vcpu, "vcpu");
            if sizes.iter().any(|x| (x.vcpu - vcpu).abs() < 1e-9) {
                self.err(&s.vcpu.span(), format!("vcpu {vcpu} is listed twice"));
            }
            let memory_gb = self.memory_sizes(&s.memory_gb);
            sizes.push(FargateSize { vcpu, memory_gb });
        }
        sizes.sort_by(|a, b| a.vcpu.total_cmp(&b.vcpu));
        FargatePrices {
            provenance: self.provenance(&t.source, &t.as_of),
            minimum_seconds: self.amount(&t.minimum_seconds, "minimum_seconds"),
            ephemeral_included_gb: self.amount(&t.ephemeral_included_gb, "ephemeral_included_gb"),
            ephemeral_gb_hour: self.rate(&t.ephemeral_gb_hour, "ephemeral_gb_hour"),
            x86_64: self.fargate_rates(&t.x86_64),
            arm64: self.fargate_rates(&t.arm64),
            sizes,
        }
    }

    fn ec2(&mut self, t: &raw::Ec2) -> Ec2Prices {
        let mut instances: Vec<InstanceType> = Vec::new();
        if t.instances.get_ref().is_empty() {
            self.err(&t.instances.span(), "ec2.instances is empty; list at least one instance type".into());
        }
        let listed =
            if self.not_too_many(&t.instances, "ec2.instances") { t.instances.get_ref().as_slice() } else { &[] };
        for i in listed {
            let i = i.get_ref();
            let name = i.kind.get_ref().clone();
            if name.is_empty()
                || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
            {
                self.err(&i.kind.span(), format!("instance type `{name}` should look like t3.micro"));
            }
            if instances.iter().any(|x| x.name == name) {
                self.err(&i.kind.span(), format!("instance type `{name}` is listed twice"));
            }
            let arch = Arch::parse(i.arch.get_ref()).unwrap_or_else(|| {
                self.err(&i.arch.span(), format!("arch `{}` must be x86_64 or arm64", i.arch.get_ref()));
                Arch::X86_64
            });
            instances.push(InstanceType {
                name,
                vcpu: self.rate(&i.vcpu, "vcpu"),
                memory_gb: self.rate(&i.memory_gb, "memory_gb"),
                arch,
                per_hour: self.rate(&i.per_hour, "per_hour"),
            });
        }
        Ec2Prices {
            provenance: self.provenance(&t.source, &t.as_of),
            hours_per_month: self.rate(&t.hours_per_month, "hours_per_month"),
            instances,
        }
    }

    fn lightsail(&mut self, t: &raw::Lightsail) -> LightsailPrices {
        let mut bundles = Vec::new();
        let listed =
            if self.not_too_many(&t.bundles, "lightsail.bundles") { t.bundles.get_ref().as_slice() } else { &[] };
        for b in listed {
            let b = b.get_ref();
            bundles.push(LightsailBundle {
                per_month: self.rate(&b.per_month, "per_month"),
                memory_gb: self.rate(&b.memory_gb, "memory_gb"),
                vcpu: self.rate(&b.vcpu, "vcpu"),
                ssd_gb: self.rate(&b.ssd_gb, "ssd_gb"),
                transfer_tb: self.amount(&b.transfer_tb, "transfer_tb"),
                ipv4: *b.ipv4.get_ref(),
            });
        }
        if bundles.is_empty() {
            self.err(&t.bundles.span(), "lightsail.bundles is empty".into());
        }
        LightsailPrices { provenance: self.provenance(&t.source, &t.as_of), bundles }
    }
}
