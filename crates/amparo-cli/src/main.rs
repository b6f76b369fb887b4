use clap::Parser;

mod cmd;

fn main() -> std::process::ExitCode {
    let args = cmd::Cli::parse();
    match cmd::run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", cmd::error_text(&e));
            std::process::ExitCode::FAILURE
        }
    }
}
