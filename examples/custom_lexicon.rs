//! Adding one's own organizations, places, people and program words to the
//! built-in lexicons with `ExtractorBuilder`.
//!
//! ```text
//! cargo run --example custom_lexicon
//! ```

use viet_text::entity::{LocationKind, OrgKind, ProgramKind};
use viet_text::{Entity, EntityType, Extractor};

/// A made-up local news item. The cooperative's short name, the two
/// hamlets and the farmer appear without the words (`Hợp tác xã`, `bản`,
/// `bà`) that let the built-in rules recognize them, and `Sáng kiến` is not
/// a built-in program word.
const TEXT: &str = "Sản phẩm của Chè Suối Mây đã có mặt ở Nà Khoang và Pắc Ngòi. \
Theo Lò Thị Sen, Sáng kiến “Vườn chè sạch” giúp xã viên tăng thu nhập 18%.";

fn main() {
    let plain = Extractor::new();
    let custom = Extractor::builder()
        .add_organization("Chè Suối Mây", OrgKind::Company)
        .add_location("Nà Khoang", LocationKind::Village)
        .add_location("Pắc Ngòi", LocationKind::Village)
        .add_person("Lò Thị Sen")
        .add_program_trigger("Sáng kiến", ProgramKind::Other)
        .build();

    println!("Text:\n  {TEXT}\n");
    println!("Built-in lexicons only:");
    show(&plain.extract(TEXT));
    println!("\nWith our own entries:");
    let found = custom.extract(TEXT);
    show(&found);

    // Choosing types works together with the added entries.
    let names_only = Extractor::builder()
        .add_organization("Chè Suối Mây", OrgKind::Company)
        .add_location("Nà Khoang", LocationKind::Village)
        .types(&[EntityType::Organization, EntityType::Location])
        .build();
    println!("\nOrganizations and locations only:");
    show(&names_only.extract(TEXT));
}

fn show(entities: &[Entity]) {
    if entities.is_empty() {
        println!("  (none)");
    }
    for e in entities {
        let json = serde_json::to_string(e).unwrap_or_default();
        println!("  {:<12} {:<28} {json}", e.entity_type().as_str(), e.text());
    }
}
