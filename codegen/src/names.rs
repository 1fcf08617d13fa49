//! Operation, pool and service names: what is valid and how they convert.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Returns true for an ASCII PascalCase identifier such as `SubmitJobs` or
/// `QueryMediaListByURL`: a capital letter, then letters and digits.
pub fn is_pascal_case(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_upper = chars.next().is_some_and(|first| first.is_ascii_uppercase());
    starts_upper && chars.all(|c| c.is_ascii_alphanumeric()) && name != "Self"
}

/// Returns a PascalCase spelling of `name` to suggest in an error, if one exists.
pub fn pascal_case_suggestion(name: &str) -> Option<String> {
    let suggestion = name.to_upper_camel_case();
    is_pascal_case(&suggestion).then_some(suggestion)
}

/// Returns true for a service id: lowercase ASCII letters, digits and `_`,
/// starting with a letter, and not a Rust keyword.
pub fn is_service_id(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_lower = chars.next().is_some_and(|first| first.is_ascii_lowercase());
    let rest_valid = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    starts_lower && rest_valid && syn::parse_str::<syn::Ident>(name).is_ok()
}

/// Returns the constant name generated for an operation: `SUBMIT_JOBS`.
pub fn constant_name(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// Returns the snake_case form of an operation name: `submit_jobs`.
pub fn snake_name(name: &str) -> String {
    name.to_snake_case()
}

/// Returns the candidate closest to `name`, if one is close enough to be a
/// likely misspelling.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lowercase = name.to_ascii_lowercase();
    let allowed = (lowercase.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&lowercase, &candidate.to_ascii_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_accepts_acronyms() {
        assert!(is_pascal_case("SubmitJobs"));
        assert!(is_pascal_case("QueryMediaListByURL"));
        assert!(is_pascal_case("A1"));
    }

    #[test]
    fn pascal_case_rejects_other_shapes() {
        for name in [
            "submitJobs",
            "submit_jobs",
            "Submit-Jobs",
            "Submit Jobs",
            "",
            "Self",
            "Jöbs",
        ] {
            assert!(!is_pascal_case(name), "{name:?} was accepted");
        }
    }

    #[test]
    fn constant_name_splits_words() {
        assert_eq!(constant_name("SubmitJobs"), "SUBMIT_JOBS");
        assert_eq!(
            constant_name("QueryMediaListByURL"),
            "QUERY_MEDIA_LIST_BY_URL"
        );
        assert_eq!(
            constant_name("QueryMediaListByUrl"),
            "QUERY_MEDIA_LIST_BY_URL"
        );
    }

    #[test]
    fn closest_finds_near_miss() {
        let names = ["SubmitJobs", "CancelJob", "ListAllMediaBucket"];
        assert_eq!(closest("SubmitJob", names), Some("SubmitJobs"));
        assert_eq!(closest("submitjobs", names), Some("SubmitJobs"));
        assert_eq!(
            closest("ListAllMediaBuckets", names),
            Some("ListAllMediaBucket")
        );
    }

    #[test]
    fn closest_skips_unrelated_names() {
        assert_eq!(
            closest("DescribeRegions", ["SubmitJobs", "CancelJob"]),
            None
        );
    }

    #[test]
    fn service_id_rules() {
        assert!(is_service_id("mps"));
        assert!(is_service_id("vod_v2"));
        assert!(!is_service_id("MPS"));
        assert!(!is_service_id("2mps"));
        assert!(!is_service_id("type"));
    }
}
