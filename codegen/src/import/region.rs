//! Alibaba Cloud regions by the names pages give them, in English and
//! Chinese: `China (Shanghai)` and `华东2（上海）` are both `cn-shanghai`.
//!
//! The names follow Alibaba Cloud's region lists ("Regions and zones" and
//! "常用Region查询" in the help center). A region missing here is reported as
//! unknown, never matched to a neighbour: add it to [`REGIONS`].

use super::fold::compact;

/// One region: its id, English names and Chinese names. The last name in
/// each list is the city alone.
struct Region {
    id: &'static str,
    english: &'static [&'static str],
    chinese: &'static [&'static str],
}

const fn region(
    id: &'static str,
    english: &'static [&'static str],
    chinese: &'static [&'static str],
) -> Region {
    Region {
        id,
        english,
        chinese,
    }
}

const REGIONS: &[Region] = &[
    region(
        "cn-qingdao",
        &["China (Qingdao)", "Qingdao"],
        &["华北1（青岛）", "青岛"],
    ),
    region(
        "cn-beijing",
        &["China (Beijing)", "Beijing"],
        &["华北2（北京）", "北京"],
    ),
    region(
        "cn-zhangjiakou",
        &["China (Zhangjiakou)", "Zhangjiakou"],
        &["华北3（张家口）", "张家口"],
    ),
    region(
        "cn-huhehaote",
        &["China (Hohhot)", "China (Huhehaote)", "Hohhot"],
        &["华北5（呼和浩特）", "呼和浩特"],
    ),
    region(
        "cn-wulanchabu",
        &["China (Ulanqab)", "China (Wulanchabu)", "Ulanqab"],
        &["华北6（乌兰察布）", "乌兰察布"],
    ),
    region(
        "cn-hangzhou",
        &["China (Hangzhou)", "Hangzhou"],
        &["华东1（杭州）", "杭州"],
    ),
    region(
        "cn-shanghai",
        &["China (Shanghai)", "Shanghai"],
        &["华东2（上海）", "上海"],
    ),
    region(
        "cn-nanjing",
        &["China (Nanjing - Local Region)", "Nanjing"],
        &["华东5（南京-本地地域）", "南京"],
    ),
    region(
        "cn-fuzhou",
        &["China (Fuzhou - Local Region)", "Fuzhou"],
        &["华东6（福州-本地地域）", "福州"],
    ),
    region(
        "cn-shenzhen",
        &["China (Shenzhen)", "Shenzhen"],
        &["华南1（深圳）", "深圳"],
    ),
    region(
        "cn-heyuan",
        &["China (Heyuan)", "Heyuan"],
        &["华南2（河源）", "河源"],
    ),
    region(
        "cn-guangzhou",
        &["China (Guangzhou)", "Guangzhou"],
        &["华南3（广州）", "广州"],
    ),
    region(
        "cn-chengdu",
        &["China (Chengdu)", "Chengdu"],
        &["西南1（成都）", "成都"],
    ),
    region(
        "cn-hongkong",
        &["China (Hong Kong)", "Hong Kong"],
        &["中国（香港）", "中国香港", "香港"],
    ),
    region(
        "ap-southeast-1",
        &["Singapore (Singapore)", "Singapore"],
        &["亚太东南1（新加坡）", "新加坡"],
    ),
    region(
        "ap-southeast-2",
        &["Australia (Sydney)", "Sydney"],
        &["澳大利亚（悉尼）", "亚太东南2（悉尼）", "悉尼"],
    ),
    region(
        "ap-southeast-3",
        &["Malaysia (Kuala Lumpur)", "Kuala Lumpur"],
        &["马来西亚（吉隆坡）", "亚太东南3（吉隆坡）", "吉隆坡"],
    ),
    region(
        "ap-southeast-5",
        &["Indonesia (Jakarta)", "Jakarta"],
        &["印度尼西亚（雅加达）", "亚太东南5（雅加达）", "雅加达"],
    ),
    region(
        "ap-southeast-6",
        &["Philippines (Manila)", "Manila"],
        &["菲律宾（马尼拉）", "马尼拉"],
    ),
    region(
        "ap-southeast-7",
        &["Thailand (Bangkok)", "Bangkok"],
        &["泰国（曼谷）", "曼谷"],
    ),
    region(
        "ap-south-1",
        &["India (Mumbai)", "Mumbai"],
        &["印度（孟买）", "孟买"],
    ),
    region(
        "ap-northeast-1",
        &["Japan (Tokyo)", "Tokyo"],
        &["日本（东京）", "亚太东北1（东京）", "东京"],
    ),
    region(
        "ap-northeast-2",
        &["South Korea (Seoul)", "Seoul"],
        &["韩国（首尔）", "首尔"],
    ),
    region(
        "us-west-1",
        &["US (Silicon Valley)", "Silicon Valley"],
        &["美国（硅谷）", "美西1（硅谷）", "硅谷"],
    ),
    region(
        "us-east-1",
        &["US (Virginia)", "Virginia"],
        &["美国（弗吉尼亚）", "美东1（弗吉尼亚）", "弗吉尼亚"],
    ),
    region(
        "eu-central-1",
        &["Germany (Frankfurt)", "Frankfurt"],
        &["德国（法兰克福）", "欧洲中部1（法兰克福）", "法兰克福"],
    ),
    region(
        "eu-west-1",
        &["UK (London)", "London"],
        &["英国（伦敦）", "伦敦"],
    ),
    region(
        "me-east-1",
        &["UAE (Dubai)", "Dubai"],
        &["阿联酋（迪拜）", "中东东部1（迪拜）", "迪拜"],
    ),
    region(
        "cn-shanghai-finance-1",
        &["China East 2 Finance", "China (Shanghai) Finance Cloud"],
        &["华东2金融云"],
    ),
    region(
        "cn-shenzhen-finance-1",
        &["China South 1 Finance", "China (Shenzhen) Finance Cloud"],
        &["华南1金融云"],
    ),
];

/// Phrases that stand for every region a list does not name.
const OTHER_REGIONS: &[&str] = &[
    "otherregions",
    "otherregion",
    "allotherregions",
    "others",
    "other",
    "allregions",
    "default",
    "其他地域",
    "其它地域",
    "其他区域",
    "其它区域",
    "其余地域",
    "其他",
    "其它",
    "所有地域",
    "全部地域",
    "默认",
];

/// Returns the id of the region `name` names, such as `cn-shanghai` for
/// `China (Shanghai)`, `华东 2（上海）` or `Shanghai`.
pub(crate) fn region_id(name: &str) -> Option<&'static str> {
    let compact_name = compact(name);
    if compact_name.is_empty() {
        return None;
    }
    let exact = REGIONS.iter().find(|region| {
        region
            .english
            .iter()
            .chain(region.chinese)
            .any(|alias| compact(alias) == compact_name)
    });
    exact
        .or_else(|| mainland_by_city(&compact_name))
        .map(|region| region.id)
}

/// Matches mainland names written with another area prefix, such as
/// `China East 2 (Shanghai)` or `华东 2 (上海)`: the city in parentheses
/// decides, when the prefix is one that mainland regions use.
fn mainland_by_city(compact_name: &str) -> Option<&'static Region> {
    let (prefix, rest) = compact_name.split_once('(')?;
    let city = rest.strip_suffix(')')?;
    let prefix_known = is_mainland_prefix(prefix);
    if !prefix_known {
        return None;
    }
    REGIONS
        .iter()
        .filter(|region| region.id.starts_with("cn-") && !region.id.contains("finance"))
        .find(|region| {
            let english_city = region.english.last().map(|alias| compact(alias));
            let chinese_city = region.chinese.last().map(|alias| compact(alias));
            english_city.as_deref() == Some(city) || chinese_city.as_deref() == Some(city)
        })
}

fn is_mainland_prefix(prefix: &str) -> bool {
    let words = prefix.trim_end_matches(|c: char| c.is_ascii_digit());
    let chinese = ["华北", "华东", "华南", "华中", "西南", "中国"];
    let english = [
        "china",
        "chinaeast",
        "eastchina",
        "chinanorth",
        "northchina",
        "chinasouth",
        "southchina",
        "chinasouthwest",
        "southwestchina",
    ];
    chinese.contains(&words) || english.contains(&words)
}

/// Returns true when `name` stands for the regions a list does not name,
/// such as `Other regions` or `其他地域`.
pub(crate) fn is_other_regions(name: &str) -> bool {
    let compact_name = compact(name);
    OTHER_REGIONS.contains(&compact_name.as_str())
}

/// Splits a list of region names at `and`, commas, `、`, `和`, `及` and `/`.
pub(crate) fn split_names(list: &str) -> Vec<String> {
    let mut text = super::fold::squeeze(list);
    for separator in [" and ", " And ", "、", "和", "及", "与", "/", "&", ";"] {
        text = text.replace(separator, ",");
    }
    text.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese_names() {
        assert_eq!(region_id("China (Shanghai)"), Some("cn-shanghai"));
        assert_eq!(region_id("china (shanghai)"), Some("cn-shanghai"));
        assert_eq!(region_id("华东2（上海）"), Some("cn-shanghai"));
        assert_eq!(region_id("华东 2 (上海)"), Some("cn-shanghai"));
        assert_eq!(region_id("East China 2 (Shanghai)"), Some("cn-shanghai"));
        assert_eq!(region_id("Singapore"), Some("ap-southeast-1"));
        assert_eq!(region_id("中国香港"), Some("cn-hongkong"));
        assert_eq!(
            region_id("China (Nanjing - Local Region)"),
            Some("cn-nanjing")
        );
    }

    #[test]
    fn unknown_names_are_not_matched() {
        assert_eq!(region_id("China (Atlantis)"), None);
        assert_eq!(region_id("Japan (Shanghai)"), None);
        assert_eq!(region_id("China (Shanghai) Finance"), None);
        assert_eq!(region_id(""), None);
    }

    #[test]
    fn lists_split_at_conjunctions() {
        assert_eq!(
            split_names("China (Shanghai) and China (Beijing)"),
            ["China (Shanghai)", "China (Beijing)"]
        );
        assert_eq!(
            split_names("华东2（上海）、华北2（北京）"),
            ["华东2(上海)", "华北2(北京)"]
        );
    }

    #[test]
    fn other_regions_phrases() {
        assert!(is_other_regions("Other regions"));
        assert!(is_other_regions("其他地域"));
        assert!(!is_other_regions("China (Shanghai)"));
    }
}
