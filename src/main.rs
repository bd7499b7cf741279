//! Entry point of the web app: everything is in the library so browser tests can mount parts.

fn main() {
    health_regions_atlas::start();
}
