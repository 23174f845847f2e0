// The locale files (fluent-templates' static_loader) and the served assets (rust-embed)
// are compiled into the binary: rebuild when any file under assets/ changes or is added.
fn main() {
    println!("cargo:rerun-if-changed=assets");
}
