variable "vpc_id" {
  type = string
}

variable "admin_cidrs" {
  type = list(string)
}

module "bastion" {
  source = "../group"

  name          = "bastion-hosts"
  vpc_id        = var.vpc_id
  ingress_cidrs = var.admin_cidrs
  port          = 22
}

module "internal" {
  source = "../group"

  name          = "internal-tools"
  vpc_id        = var.vpc_id
  ingress_cidrs = ["10.20.5.0/24"]
  port          = 8443
}

output "bastion_group_id" {
  value = module.bastion.id
}
