//! Real Syncthing (Debian's `syncthing`) as the transport of the mailbox mode, on loopback
//! only. One instance per team member, each with its own home in a temporary directory,
//! started and stopped by the test and configured through the REST API (man 7
//! syncthing-rest-api, v1.19): devices are introduced to each other by their loopback
//! address and one folder is shared, whose path on each device is that member's own folder.
//!
//! Nothing leaves the machine: the only settings written before the first start (so that
//! no announcement can go out in the first second) turn global discovery, local announce,
//! relays, NAT traversal, usage and crash reporting and upgrades off, and make the GUI/REST
//! and the sync listener 127.0.0.1 only; the test reads them back through the API.
//!
//! Every wait is bounded, and a watchdog ends the whole test process (after killing the
//! instances) if the test as a whole outlives its time. The instances are stopped on drop,
//! so also when an assertion fails.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The id of the one shared folder.
pub const FOLDER: &str = "amparo-mailbox";

/// Whether the test can run: `syncthing` is installed. Without it the test is skipped with a
/// loud message, unless `AMPARO_REQUIRE_SYNCTHING` is set (scripts/test.sh sets it;
/// scripts/setup.sh installs the Debian package), when its absence fails the test.
pub fn available() -> bool {
    let out = Command::new("syncthing").arg("--version").stdin(Stdio::null()).output();
    match out {
        Ok(o) if o.status.success() => true,
        other => {
            let why = match other {
                Ok(o) => format!("`syncthing --version` exited with {}", o.status),
                Err(e) => format!("`syncthing` could not be run ({e})"),
            };
            if std::env::var_os("AMPARO_REQUIRE_SYNCTHING").is_some() {
                panic!("real Syncthing is required here (AMPARO_REQUIRE_SYNCTHING is set) but {why}; install the Debian package syncthing (scripts/setup.sh does)");
            }
            eprintln!("\n**********************************************************************");
            eprintln!("SKIPPED: the mailbox mode through real Syncthing was NOT tested: {why}.");
            eprintln!("Install the Debian package syncthing (scripts/setup.sh does), or set");
            eprintln!("AMPARO_REQUIRE_SYNCTHING=1 to make its absence a failure.");
            eprintln!("**********************************************************************\n");
            false
        }
    }
}

/// Ends the test process if it runs past its time, after killing every instance it was
/// given: a test that cannot hang, even if a wait were written wrong.
pub struct Watchdog {
    done: Arc<AtomicBool>,
    children: Arc<Mutex<Vec<Arc<Mutex<Child>>>>>,
}

impl Watchdog {
    pub fn new(limit: Duration) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let children: Arc<Mutex<Vec<Arc<Mutex<Child>>>>> = Arc::default();
        let (d, c) = (done.clone(), children.clone());
        let until = Instant::now() + limit;
        std::thread::spawn(move || {
            while Instant::now() < until {
                if d.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            eprintln!("the Syncthing test ran past its {limit:?}: killing its Syncthing instances and ending the test process");
            for child in c.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                let mut child = child.lock().unwrap_or_else(|e| e.into_inner());
                let _ = child.kill();
                let _ = child.wait();
            }
            std::process::exit(124);
        });
        Watchdog { done, children }
    }

    fn watch(&self, child: Arc<Mutex<Child>>) {
        self.children.lock().unwrap().push(child);
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// Poll `check` every 100 ms until it gives a value, for at most `limit`; on time out panic
/// with `what` and the last state `check` described.
pub fn wait_for<T>(what: &str, limit: Duration, mut check: impl FnMut() -> Result<T, String>) -> T {
    let until = Instant::now() + limit;
    loop {
        match check() {
            Ok(v) => return v,
            Err(last) if Instant::now() >= until => {
                panic!("timed out after {limit:?} waiting for {what}; last: {last}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// Free loopback ports, all held until every one is chosen (so no two are the same).
pub fn free_ports(n: usize) -> Vec<u16> {
    let held: Vec<TcpListener> =
        (0..n).map(|_| TcpListener::bind("127.0.0.1:0").expect("bind a loopback port")).collect();
    held.iter().map(|l| l.local_addr().unwrap().port()).collect()
}

/// One member's Syncthing.
pub struct Syncthing {
    pub name: String,
    pub home: PathBuf,
    /// The member's own folder: the path of the shared folder on this device.
    pub folder: PathBuf,
    pub gui_port: u16,
    pub listen_port: u16,
    pub device_id: String,
    api_key: String,
    child: Arc<Mutex<Child>>,
}

/// The options that keep an instance on loopback, as the REST API names them.
fn loopback_options(listen_port: u16) -> Value {
    json!({
        "listenAddresses": [format!("tcp://127.0.0.1:{listen_port}")],
        "globalAnnounceEnabled": false,
        "globalAnnounceServers": [],
        "localAnnounceEnabled": false,
        "relaysEnabled": false,
        "natEnabled": false,
        "urAccepted": -1,
        "crashReportingEnabled": false,
        "autoUpgradeIntervalH": 0,
        "startBrowser": false,
        "stunServers": [],
        "announceLANAddresses": false,
    })
}

impl Syncthing {
    /// Start an instance with its home under `root/name`, its GUI/REST and sync listener on
    /// the given loopback ports, and wait (bounded) until its REST API answers.
    pub fn start(
        watchdog: &Watchdog,
        root: &Path,
        name: &str,
        folder: &Path,
        gui_port: u16,
        listen_port: u16,
    ) -> Syncthing {
        let home = root.join(format!("{name}-syncthing"));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(folder).unwrap();
        // Only what must hold from the first second; the rest is done through the API.
        // (Config version 36 is v1.19's; a newer Syncthing migrates it.)
        let config = format!(
            r#"<configuration version="36">
    <gui enabled="true" tls="false">
        <address>127.0.0.1:{gui_port}</address>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <announceLANAddresses>false</announceLANAddresses>
    </options>
</configuration>
"#
        );
        std::fs::write(home.join("config.xml"), config).unwrap();
        let api_key = format!("amparo-test-{}-{}", std::process::id(), gui_port);
        let log = std::fs::File::create(home.join("syncthing.log")).unwrap();
        let child = Command::new("syncthing")
            .arg("serve")
            .arg(format!("--home={}", home.display()))
            .args(["--no-browser", "--no-restart", "--no-upgrade", "--no-default-folder"])
            .arg(format!("--gui-address=http://127.0.0.1:{gui_port}"))
            .arg(format!("--gui-apikey={api_key}"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("STNODEFAULTFOLDER", "1")
            .env("STNOUPGRADE", "1")
            .env("STNORESTART", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start syncthing");
        let child = Arc::new(Mutex::new(child));
        watchdog.watch(child.clone());
        let mut st = Syncthing {
            name: name.into(),
            home,
            folder: folder.to_path_buf(),
            gui_port,
            listen_port,
            device_id: String::new(),
            api_key,
            child,
        };
        let status = wait_for(&format!("{name}'s Syncthing REST API"), Duration::from_secs(20), || {
            if let Some(exit) = st.child.lock().unwrap().try_wait().map_err(|e| e.to_string())? {
                panic!("{name}'s Syncthing exited at start ({exit}); its log:\n{}", st.log());
            }
            st.get("/rest/system/status")
        });
        st.device_id = status["myID"].as_str().expect("myID in /rest/system/status").to_string();
        st
    }

    /// The instance's log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.join("syncthing.log")).unwrap_or_default()
    }

    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, String), String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.gui_port));
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        // HTTP/1.0: the server answers without chunking and closes, so the body is all
        // that follows the headers.
        let req = format!(
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nX-API-Key: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.gui_port,
            self.api_key,
            body.len()
        );
        s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, rest) = text.split_once("\r\n\r\n").ok_or_else(|| format!("no HTTP response: {text:?}"))?;
        let code = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("no status in {head:?}"))?;
        Ok((code, rest.to_string()))
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let (code, text) = self.request(method, path, body)?;
        if !(200..300).contains(&code) {
            return Err(format!("{method} {path}: HTTP {code}: {text}"));
        }
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&text).map_err(|e| format!("{method} {path}: not JSON ({e}): {text}"))
    }

    pub fn get(&self, path: &str) -> Result<Value, String> {
        self.call("GET", path, None)
    }

    /// A REST call that must succeed.
    pub fn must(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.call(method, path, body).unwrap_or_else(|e| panic!("{}'s Syncthing: {e}", self.name))
    }

    /// Set the loopback-only options through the API and check that they hold.
    pub fn keep_to_loopback(&self) {
        let want = loopback_options(self.listen_port);
        self.must("PATCH", "/rest/config/options", Some(&want));
        let got = self.must("GET", "/rest/config/options", None);
        for (k, v) in want.as_object().unwrap() {
            assert_eq!(&got[k], v, "{}'s Syncthing option {k}", self.name);
        }
        let gui = self.must("GET", "/rest/config/gui", None);
        assert_eq!(gui["address"], format!("127.0.0.1:{}", self.gui_port), "{}'s GUI/REST address", self.name);
    }

    /// Introduce `others` to this instance by their device id and loopback address.
    pub fn add_devices(&self, others: &[&Syncthing]) {
        for o in others {
            let mut d = self.must("GET", "/rest/config/defaults/device", None);
            d["deviceID"] = json!(o.device_id);
            d["name"] = json!(o.name);
            d["addresses"] = json!([format!("tcp://127.0.0.1:{}", o.listen_port)]);
            d["introducer"] = json!(false);
            d["autoAcceptFolders"] = json!(false);
            self.must("POST", "/rest/config/devices", Some(&d));
        }
    }

    /// Share the one folder, at this member's own path, with `others`.
    pub fn share_folder(&self, others: &[&Syncthing]) {
        let mut f = self.must("GET", "/rest/config/defaults/folder", None);
        f["id"] = json!(FOLDER);
        f["label"] = json!("Amparo mailbox");
        f["path"] = json!(self.folder.display().to_string());
        f["type"] = json!("sendreceive");
        let mut devices = vec![json!({ "deviceID": self.device_id })];
        devices.extend(others.iter().map(|o| json!({ "deviceID": o.device_id })));
        f["devices"] = json!(devices);
        // The test asks for a scan after each write; the watcher is a second path.
        f["fsWatcherEnabled"] = json!(true);
        f["fsWatcherDelayS"] = json!(1);
        f["rescanIntervalS"] = json!(3600);
        self.must("POST", "/rest/config/folders", Some(&f));
    }

    /// Whether this instance is connected to every one of `others`.
    pub fn connected_to(&self, others: &[&Syncthing]) -> Result<(), String> {
        let c = self.get("/rest/system/connections")?;
        for o in others {
            if c["connections"][&o.device_id]["connected"] != json!(true) {
                return Err(format!(
                    "{} not yet connected to {}: {}",
                    self.name, o.name, c["connections"][&o.device_id]
                ));
            }
        }
        Ok(())
    }

    /// The folder has started and is not scanning or syncing.
    pub fn folder_idle(&self) -> Result<(), String> {
        let s = self.get(&format!("/rest/db/status?folder={FOLDER}"))?;
        if s["state"] == json!("idle") {
            Ok(())
        } else {
            Err(format!("{}'s folder is {} {}", self.name, s["state"], s["error"]))
        }
    }

    /// Scan the folder now (returns when the scan is done), so a bundle just written is
    /// announced without waiting for the watcher.
    pub fn scan(&self) {
        self.must("POST", &format!("/rest/db/scan?folder={FOLDER}"), None);
    }

    /// What the REST API says of the folder's completion on `other` (for failure messages).
    pub fn completion(&self, other: &Syncthing) -> String {
        self.get(&format!("/rest/db/completion?folder={FOLDER}&device={}", other.device_id))
            .map(|v| v.to_string())
            .unwrap_or_else(|e| e)
    }

    fn stop(&mut self) {
        let _ = self.request("POST", "/rest/system/shutdown", None);
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The bundle files (`amparo-*.age`) of a folder with their bytes; Syncthing's temporary
/// and marker files are not bundles.
pub fn bundles(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("amparo-") && name.ends_with(".age") {
            if let Ok(bytes) = std::fs::read(e.path()) {
                out.insert(name, bytes);
            }
        }
    }
    out
}

/// A team's instances: started, keeping to loopback, introduced to each other, sharing the
/// folder and connected. Stopped when dropped.
pub struct Mesh {
    pub nodes: Vec<Syncthing>,
}

impl Mesh {
    /// One instance per `(name, folder)`, homes under `root`.
    pub fn start(watchdog: &Watchdog, root: &Path, members: &[(&str, &Path)]) -> Mesh {
        let ports = free_ports(members.len() * 2);
        let mut nodes = Vec::new();
        for (i, (name, folder)) in members.iter().enumerate() {
            nodes.push(Syncthing::start(watchdog, root, name, folder, ports[2 * i], ports[2 * i + 1]));
        }
        for n in &nodes {
            n.keep_to_loopback();
        }
        for (i, n) in nodes.iter().enumerate() {
            let others: Vec<&Syncthing> = nodes.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, o)| o).collect();
            n.add_devices(&others);
            n.share_folder(&others);
        }
        for (i, n) in nodes.iter().enumerate() {
            let others: Vec<&Syncthing> = nodes.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, o)| o).collect();
            wait_for(&format!("{} to connect to the others over loopback", n.name), Duration::from_secs(30), || {
                n.connected_to(&others)
            });
            wait_for(&format!("{}'s shared folder to start", n.name), Duration::from_secs(20), || n.folder_idle());
        }
        eprintln!("syncthing: {} instances started and connected", nodes.len());
        Mesh { nodes }
    }

    /// Scan every folder, then wait (bounded) until every member's folder holds the same
    /// bundle files with the same bytes: what one wrote or removed has reached the others.
    pub fn settle(&self, what: &str) {
        let started = Instant::now();
        for n in &self.nodes {
            n.scan();
        }
        wait_for(&format!("the bundles to propagate ({what})"), Duration::from_secs(30), || {
            let first = bundles(&self.nodes[0].folder);
            for n in &self.nodes[1..] {
                let other = bundles(&n.folder);
                if other != first {
                    let names = |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
                    return Err(format!(
                        "{}: {:?} vs {}: {:?}; completion {} on {}: {}",
                        self.nodes[0].name,
                        names(&first),
                        n.name,
                        names(&other),
                        self.nodes[0].name,
                        n.name,
                        self.nodes[0].completion(n)
                    ));
                }
            }
            Ok(())
        });
        eprintln!("syncthing: {what} propagated in {:?}", started.elapsed());
    }
}
