fn main() {
    // The bundled SQLCipher exports sqlite3_* symbols; without this, WebKit and libsoup
    // inside the app process would call SQLCipher's SQLite instead of the system one.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    }
    tauri_build::build()
}
