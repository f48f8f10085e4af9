//! Named workloads the simulator starts from (`p` cycles them, `cloudcram simulate --preset
//! NAME` opens one): the curriculum's two serverless diagrams, AWS's published Lambda pricing
//! examples and a steady web API. Each fills all three forms ([`Inputs`]) and, through the
//! Lambda form, the comparison ([`Inputs::workload`]).
//!
//! The Fargate and EC2 forms hold what the comparison sizes for the preset's monthly volume
//! under its default assumptions (`compare::Plan`, at 70% utilisation, all month): the
//! always-on alternative to the function. The one exception is the cron job, whose Fargate
//! form is the job as a scheduled ECS task: 730 runs billed 90 s each (about 30 s to pull the
//! image and start, then the 60 s of work), 18.25 hours in all.
//!
//! The presets hold inputs only, never a price: every amount comes from the price book.

use std::sync::LazyLock;

use super::Arch;
use super::ec2::Ec2Usage;
use super::fargate::FargateUsage;
use super::fields::Inputs;
use super::lambda::LambdaUsage;

/// A named set of inputs for the simulator.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// Kebab case, for `--preset`.
    pub name: &'static str,
    /// One line: what it models.
    pub about: &'static str,
    pub inputs: Inputs,
}

fn preset(
    name: &'static str,
    about: &'static str,
    (memory_mb, duration_ms, invocations): (f64, f64, f64),
    (vcpu, memory_gb, tasks, hours): (f64, f64, f64, f64),
    (instance, count): (&str, f64),
) -> Preset {
    Preset {
        name,
        about,
        inputs: Inputs {
            lambda: LambdaUsage { arch: Arch::X86_64, ..LambdaUsage::new(memory_mb, duration_ms, invocations) },
            fargate: FargateUsage::new(vcpu, memory_gb, tasks, hours),
            ec2: Ec2Usage { count, ..Ec2Usage::new(instance) },
        },
    }
}

static PRESETS: LazyLock<Vec<Preset>> = LazyLock::new(|| {
    vec![
        preset(
            "thumbnail-pipeline",
            "Serverless thumbnails: 500,000 photos a month uploaded to S3, each resized by a 1,024 MB function in 1,000 ms",
            (1_024.0, 1_000.0, 500_000.0),
            (1.0, 2.0, 1.0, 730.0),
            ("t3.micro", 1.0),
        ),
        preset(
            "serverless-cron",
            "Serverless cron: an EventBridge schedule runs a 512 MB clean-up function for 60,000 ms every hour, 730 runs a month",
            (512.0, 60_000.0, 730.0),
            (0.5, 1.0, 1.0, 18.25),
            ("t3.micro", 1.0),
        ),
        preset(
            "aws-example-512mb",
            "AWS's Lambda pricing example: 3,000,000 invocations a month of a 512 MB function running 1,000 ms each",
            (512.0, 1_000.0, 3_000_000.0),
            (0.5, 1.0, 2.0, 730.0),
            ("t3.micro", 1.0),
        ),
        preset(
            "aws-example-128mb",
            "AWS's Lambda pricing example: 30,000,000 invocations a month of a 128 MB function running 200 ms each",
            (128.0, 200.0, 30_000_000.0),
            (0.25, 0.5, 2.0, 730.0),
            ("t3.micro", 1.0),
        ),
        preset(
            "web-api",
            "A steady web API: 20 requests a second around the clock, 52,560,000 a month, 100 ms each at 512 MB",
            (512.0, 100.0, 52_560_000.0),
            (0.5, 1.0, 3.0, 730.0),
            ("t3.micro", 2.0),
        ),
    ]
});

/// Every preset, in the order `p` cycles them.
pub fn all() -> &'static [Preset] {
    &PRESETS
}

pub fn find(name: &str) -> Option<&'static Preset> {
    all().iter().find(|p| p.name == name)
}

/// The preset called `name`, or a message naming the closest and listing them all.
pub fn parse(name: &str) -> Result<&'static Preset, String> {
    find(name).ok_or_else(|| {
        let names = || all().iter().map(|p| p.name);
        let hint = crate::fmt::closest(name, names()).map(|n| format!(" (did you mean {n}?)")).unwrap_or_default();
        format!("unknown preset '{name}'{hint}; the presets are {}", names().collect::<Vec<_>>().join(", "))
    })
}

#[cfg(test)]
mod tests {
    // Exact: a preset's inputs are the numbers written above, and a total is the engine's.
    #![allow(clippy::float_cmp)]

    use super::*;
    use crate::fmt::num;
    use crate::pricing::compare::Plan;
    use crate::pricing::tests::{hand_book, shipped};
    use crate::pricing::{PriceBook, Service, lambda};

    fn cents(prices: &PriceBook, p: &Preset, s: Service) -> String {
        format!("{:.2}", p.inputs.estimate(prices, s).unwrap().total())
    }

    #[test]
    fn names_are_kebab_case_and_unique() {
        let names: Vec<&str> = all().iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            ["thumbnail-pipeline", "serverless-cron", "aws-example-512mb", "aws-example-128mb", "web-api"]
        );
        for n in &names {
            assert!(n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{n}");
            assert_eq!(find(n).map(|p| p.name), Some(*n));
        }
        assert_eq!(parse("web-api").unwrap().name, "web-api");
        assert_eq!(
            parse("web-apj").unwrap_err(),
            "unknown preset 'web-apj' (did you mean web-api?); the presets are thumbnail-pipeline, serverless-cron, aws-example-512mb, aws-example-128mb, web-api"
        );
        assert!(!parse("zzz").unwrap_err().contains("did you mean"));
    }

    #[test]
    fn each_says_in_one_line_what_it_models_with_its_own_numbers() {
        for p in all() {
            let l = &p.inputs.lambda;
            assert!(!p.about.contains('\n') && p.about.len() <= 120, "{}: {}", p.name, p.about);
            for figure in [format!("{} MB", num(l.memory_mb)), format!("{} ms", num(l.duration_ms))] {
                assert!(p.about.contains(&figure), "{} says nothing of {figure}: {}", p.name, p.about);
            }
            let per_second = l.invocations / (730.0 * 3_600.0);
            assert!(
                p.about.contains(&num(l.invocations))
                    || p.about.contains(&format!("{} requests a second", num(per_second))),
                "{}: {}",
                p.name,
                p.about
            );
        }
    }

    #[test]
    fn every_form_of_every_preset_is_priced_as_cost_prices_it() {
        for prices in [hand_book(), shipped()] {
            for p in all() {
                for s in Service::ALL {
                    let e = p.inputs.estimate(prices, s).unwrap_or_else(|e| panic!("{} {s:?}: {e}", p.name));
                    assert_eq!(e.service, s);
                }
                let direct = lambda::estimate(prices, &p.inputs.lambda).unwrap();
                assert_eq!(p.inputs.estimate(prices, Service::Lambda).unwrap().total(), direct.total(), "{}", p.name);
            }
        }
    }

    #[test]
    fn the_aws_examples_give_aws_figures() {
        let prices = hand_book();
        let p = find("aws-example-512mb").unwrap();
        assert_eq!(cents(prices, p, Service::Lambda), "18.73");
        assert_eq!(cents(prices, find("aws-example-128mb").unwrap(), Service::Lambda), "11.63");
    }

    #[test]
    fn the_other_presets_hand_checked() {
        let prices = hand_book();
        let total = |name: &str, s: Service| cents(prices, find(name).unwrap(), s);
        // 500,000 x 1 s x 1 GB = 500,000 GB-s - 400,000 free = 100,000 x $0.0000166667;
        // the 500,000 requests are inside the free 1,000,000.
        assert_eq!(total("thumbnail-pipeline", Service::Lambda), "1.67");
        // 1 vCPU and 2 GB all month: (0.04048 + 2 x 0.004445) x 730.
        assert_eq!(total("thumbnail-pipeline", Service::Fargate), "36.04");
        assert_eq!(total("thumbnail-pipeline", Service::Ec2), "7.59");
        // 730 x 60 s x 0.5 GB = 21,900 GB-s: all free.
        assert_eq!(total("serverless-cron", Service::Lambda), "0.00");
        // 18.25 h x (0.5 x 0.04048 + 0.004445) = $0.4505.
        assert_eq!(total("serverless-cron", Service::Fargate), "0.45");
        // 52,560,000 x 0.1 s x 0.5 GB = 2,628,000 GB-s - 400,000 = 2,228,000 x $0.0000166667
        // = $37.1334; 51,560,000 billable requests x $0.20 per million = $10.312.
        assert_eq!(total("web-api", Service::Lambda), "47.45");
        // 3 tasks x 730 h x $0.024685; 2 x t3.micro x 730 h x $0.0104.
        assert_eq!(total("web-api", Service::Fargate), "54.06");
        assert_eq!(total("web-api", Service::Ec2), "15.18");
    }

    #[test]
    fn fargate_and_ec2_hold_what_the_comparison_sizes_for_the_volume() {
        for prices in [hand_book(), shipped()] {
            for p in all() {
                let i = &p.inputs;
                let plan = Plan::new(prices, i.workload(), i.assumptions(prices)).unwrap();
                let at = plan.at(i.lambda.invocations);
                let (f, e) = (plan.fargate().unwrap(), plan.ec2().unwrap());
                if p.name != "serverless-cron" {
                    assert_eq!((i.fargate.vcpu, i.fargate.memory_gb), (f.vcpu, f.memory_gb), "{}", p.name);
                    assert_eq!(i.fargate.tasks, at.fargate.unwrap().units as f64, "{}", p.name);
                    assert_eq!(i.fargate.hours, plan.assumptions().hours_per_month, "{}", p.name);
                }
                assert_eq!(i.ec2.instance_type, e.instance.name, "{}", p.name);
                assert_eq!(i.ec2.count, at.ec2.unwrap().units as f64, "{}", p.name);
                assert_eq!(i.ec2.hours, None, "{}: the price book's whole month", p.name);
                assert_eq!(i.workload().memory_mb, i.lambda.memory_mb);
            }
        }
        // The cron job as a scheduled task: the comparison's task size, 730 runs of 90 s.
        let cron = &find("serverless-cron").unwrap().inputs;
        assert_eq!((cron.fargate.vcpu, cron.fargate.memory_gb, cron.fargate.tasks), (0.5, 1.0, 1.0));
        assert_eq!(cron.fargate.hours, cron.lambda.invocations * 90.0 / 3_600.0);
    }
}
