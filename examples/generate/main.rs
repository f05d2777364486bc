//! Generates the benchmarks' inputs (see docs/benchmarks.md):
//! `generate tree OUT_DIR MODULES [FILES_PER_MODULE]` writes a Terraform tree, one directory per
//! module; `generate calls OUT_DIR PROJECTS` writes projects of 24 files, a root module that
//! calls its five local modules (one twice); `generate plan OUT.json GROUPS` writes a minified
//! `terraform show -json` plan.

mod inputs;

use std::io::Write;
use std::path::PathBuf;

const USAGE: &str = "usage: generate tree OUT_DIR MODULES [FILES_PER_MODULE]\n       generate calls OUT_DIR PROJECTS\n       generate plan OUT.json GROUPS";

fn number(arg: Option<&String>, what: &str) -> usize {
    arg.and_then(|a| a.parse().ok()).unwrap_or_else(|| {
        eprintln!("{what} must be a number\n{USAGE}");
        std::process::exit(2);
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tree") if args.len() >= 3 => {
            let out = PathBuf::from(&args[1]);
            let modules = number(args.get(2), "MODULES");
            let files = args
                .get(3)
                .map_or(4, |_| number(args.get(3), "FILES_PER_MODULE"));
            for m in 0..modules {
                let dir = out.join(format!("module-{m:05}"));
                std::fs::create_dir_all(&dir).expect("cannot create OUT_DIR");
                for f in 0..files {
                    std::fs::write(dir.join(format!("file{f}.tf")), inputs::tree_file(m, f))
                        .expect("cannot write a file");
                }
            }
            println!(
                "wrote {} files in {modules} modules under {}",
                modules * files,
                out.display()
            );
        }
        Some("calls") if args.len() == 3 => {
            let out = PathBuf::from(&args[1]);
            let projects = number(args.get(2), "PROJECTS");
            let write = |dir: &std::path::Path, name: &str, text: String| {
                std::fs::create_dir_all(dir).expect("cannot create OUT_DIR");
                std::fs::write(dir.join(name), text).expect("cannot write a file");
            };
            for p in 0..projects {
                let root = out.join(format!("project-{p:04}"));
                for f in 0..3 {
                    write(&root, &format!("file{f}.tf"), inputs::tree_file(p, f));
                }
                write(&root, "modules.tf", inputs::calls_file(p));
                for m in 0..5 {
                    let dir = root.join(format!("modules/m{m}"));
                    for f in 0..3 {
                        write(
                            &dir,
                            &format!("file{f}.tf"),
                            inputs::tree_file(p * 5 + m, f),
                        );
                    }
                    write(&dir, "interface.tf", inputs::module_interface_file(m));
                }
            }
            println!(
                "wrote {} files in {projects} projects under {}",
                projects * 24,
                out.display()
            );
        }
        Some("plan") if args.len() == 3 => {
            let plan = inputs::plan(number(args.get(2), "GROUPS"));
            let file = std::fs::File::create(&args[1]).expect("cannot create OUT.json");
            let mut file = std::io::BufWriter::new(file);
            serde_json::to_writer(&mut file, &plan).expect("cannot write the plan");
            file.flush().expect("cannot write the plan");
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}
