//! The web view's limits as shipped: the content security policy in `tauri.conf.json` and
//! the window's capabilities. A web view that could load a remote origin, or reach the
//! file system, a shell or SQL, would put every family's record one script away.

use serde_json::Value;

fn read(path: &str) -> Value {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path);
    serde_json::from_str(&text).expect(path)
}

#[test]
fn the_web_view_loads_only_the_app_itself_and_frames_nothing() {
    let conf = read("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_object().expect("a CSP of directives");
    for directive in ["default-src", "script-src", "style-src", "font-src"] {
        assert_eq!(csp[directive], "'self'", "{directive}");
    }
    for directive in ["object-src", "base-uri", "form-action", "frame-src", "worker-src"] {
        assert_eq!(csp[directive], "'none'", "{directive}");
    }
    // The IPC bridge is the one connection, and no directive names a remote origin.
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    for (name, value) in csp {
        let text = value.as_str().unwrap_or_default();
        let remote = text.split_whitespace().any(|src| {
            (src.starts_with("http") || src.starts_with("ws")) && src != "http://ipc.localhost" || src == "*"
        });
        assert!(!remote, "{name} allows a remote origin: {text}");
        assert!(!text.contains("unsafe-inline") && !text.contains("unsafe-eval"), "{name}: {text}");
    }
}

#[test]
fn the_window_reaches_no_file_system_shell_or_sql() {
    let caps = read("capabilities/default.json");
    let permissions: Vec<&str> =
        caps["permissions"].as_array().expect("a list").iter().filter_map(Value::as_str).collect();
    assert!(!permissions.is_empty());
    for p in &permissions {
        for forbidden in ["fs:", "shell:", "sql:", "http:", "process:", "notification:"] {
            assert!(!p.starts_with(forbidden), "the window may use {p}");
        }
    }
}
