// The locale files are compiled into the binary (fluent-templates' static_loader):
// rebuild when one changes.
fn main() {
    println!("cargo:rerun-if-changed=assets/locales");
}
