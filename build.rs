//! Links the web app's wasm with its relocations, which `scripts/split-wasm.sh` needs to cut it
//! into the first module and the pages loaded later (src/lazy_pages.rs).

fn main() {
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
