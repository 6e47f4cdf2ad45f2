fn main() -> std::process::ExitCode {
    citelint::cli::main()
}
