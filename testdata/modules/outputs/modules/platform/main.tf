variable "app_group_id" {
  type = string
}

resource "aws_vpc" "this" {
  cidr_block = "10.30.0.0/16"
}

module "edge" {
  source = "../edge"

  vpc_id       = aws_vpc.this.id
  app_group_id = var.app_group_id
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "vpc_cidr" {
  value = aws_vpc.this.cidr_block
}

output "edge_group_id" {
  value = module.edge.group_id
}
