# `terraform init` has unpacked terraform-aws-modules/security-group under .terraform/modules
# (a stand-in here: the same variables and rules, much shorter).
module "web" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "5.1.2"

  name                = "web-servers"
  description         = "Web servers"
  vpc_id              = "vpc-12345678"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["https-443-tcp", "ssh-tcp"]
}
