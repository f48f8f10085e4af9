//! What can be wrong with the inputs of an estimate or a comparison.

/// An input the cost models refuse, with the limit it breaks and what to do instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CostError {
    /// NaN or infinity.
    #[error("{what} must be a number, not {value}")]
    NotANumber { what: &'static str, value: String },
    #[error("{what} must not be negative (got {value}); use 0 or more")]
    Negative { what: &'static str, value: String },
    #[error("{what} must be a whole number (got {value})")]
    NotWhole { what: &'static str, value: String },
    /// A value outside a service limit; `limit` says which, e.g. "Lambda's limit (128 to
    /// 10,240 MB)".
    #[error("{what} {value} is outside {limit}; choose a value in that range")]
    OutOfRange { what: &'static str, value: String, limit: String },
    #[error("Fargate has no task size with {vcpu} vCPU; choose {valid} vCPU")]
    FargateVcpu { vcpu: String, valid: String },
    #[error("Fargate offers no task of {vcpu} vCPU with {memory} GB; with {vcpu} vCPU choose {valid} GB")]
    FargateMemory { vcpu: String, memory: String, valid: String },
    #[error("unknown instance type `{name}`{hint}; the pricing data has {known}")]
    UnknownInstance { name: String, hint: String, known: String },
}

pub(crate) fn finite(what: &'static str, value: f64) -> Result<(), CostError> {
    if value.is_finite() { Ok(()) } else { Err(CostError::NotANumber { what, value: value.to_string() }) }
}

/// Finite and zero or more.
pub(crate) fn not_negative(what: &'static str, value: f64, unit: &str) -> Result<(), CostError> {
    finite(what, value)?;
    if value < 0.0 {
        return Err(CostError::Negative { what, value: with_unit(value, unit) });
    }
    Ok(())
}

/// Finite, zero or more, and whole.
pub(crate) fn count(what: &'static str, value: f64) -> Result<(), CostError> {
    not_negative(what, value, "")?;
    whole(what, value, "")
}

/// A whole number (of `unit`s).
pub(crate) fn whole(what: &'static str, value: f64, unit: &str) -> Result<(), CostError> {
    if value.fract() != 0.0 {
        return Err(CostError::NotWhole { what, value: with_unit(value, unit) });
    }
    Ok(())
}

/// Finite and inside `range`, which `limit` names.
pub(crate) fn within(
    what: &'static str,
    value: f64,
    range: &std::ops::RangeInclusive<f64>,
    unit: &str,
    limit: &str,
) -> Result<(), CostError> {
    finite(what, value)?;
    if !range.contains(&value) {
        return Err(CostError::OutOfRange {
            what,
            value: with_unit(value, unit),
            limit: format!("{limit} ({} to {})", super::format::num(*range.start()), with_unit(*range.end(), unit)),
        });
    }
    Ok(())
}

pub(crate) fn with_unit(value: f64, unit: &str) -> String {
    let n = super::format::num(value);
    if unit.is_empty() { n } else { format!("{n} {unit}") }
}
