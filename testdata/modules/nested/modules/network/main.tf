variable "office_cidrs" {
  type = list(string)
}

resource "aws_vpc" "this" {
  cidr_block = "10.20.0.0/16"
}

module "firewall" {
  source = "../firewall"

  vpc_id      = aws_vpc.this.id
  admin_cidrs = var.office_cidrs
}

output "bastion_group_id" {
  value = module.firewall.bastion_group_id
}
