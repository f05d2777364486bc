//! Generates a synthetic Terraform tree for benchmarks: `cargo run --release --example gen_tree --
//! OUT_DIR MODULES [FILES_PER_MODULE]`. About 30% of the blocks are security groups and rules.

use std::fmt::Write as _;
use std::path::PathBuf;

fn file_text(module: usize, file: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "locals {{\n  env_{file} = \"prod\"\n  cidr_{file} = \"10.{}.0.0/16\"\n}}\n",
        module % 250
    );
    for i in 0..7 {
        let _ = writeln!(
            s,
            "resource \"aws_instance\" \"app_{file}_{i}\" {{\n  ami           = \"ami-123456\"\n  instance_type = \"t3.micro\"\n  subnet_id     = \"subnet-{i}\"\n  tags = {{\n    Name = \"app-{module}-{i}\"\n    Env  = local.env_{file}\n  }}\n}}\n"
        );
    }
    let _ = writeln!(
        s,
        "resource \"aws_security_group\" \"web_{file}\" {{\n  name        = \"web-{module}-${{local.env_{file}}}\"\n  description = \"Web tier\"\n  vpc_id      = \"vpc-123\"\n\n  ingress {{\n    description = \"HTTPS from the load balancer\"\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [local.cidr_{file}]\n  }}\n\n  egress {{\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\n"
    );
    let _ = writeln!(
        s,
        "resource \"aws_security_group\" \"db_{file}\" {{\n  name   = \"allow-postgres-5432-{module}\"\n  vpc_id = \"vpc-123\"\n}}\n\nresource \"aws_security_group_rule\" \"db_from_web_{file}\" {{\n  type                     = \"ingress\"\n  security_group_id        = aws_security_group.db_{file}.id\n  source_security_group_id = aws_security_group.web_{file}.id\n  protocol                 = \"tcp\"\n  from_port                = 5432\n  to_port                  = 5432\n}}\n"
    );
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_tree OUT_DIR MODULES [FILES_PER_MODULE]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[1]);
    let modules: usize = args[2].parse().expect("MODULES must be a number");
    let files: usize = args
        .get(3)
        .map_or(4, |f| f.parse().expect("FILES_PER_MODULE"));
    for m in 0..modules {
        let dir = out.join(format!("module-{m:05}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..files {
            std::fs::write(dir.join(format!("file{f}.tf")), file_text(m, f)).unwrap();
        }
    }
    println!(
        "wrote {} files in {modules} modules under {}",
        modules * files,
        out.display()
    );
}
