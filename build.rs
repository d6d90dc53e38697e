//! Rebuild when the embedded default theme changes (include_dir! alone does not tell cargo).
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
