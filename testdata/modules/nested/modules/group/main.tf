variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "ingress_cidrs" {
  type = list(string)
}

variable "port" {
  type = number
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "Hosts of ${var.name}"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "in" {
  for_each          = toset(var.ingress_cidrs)
  security_group_id = aws_security_group.this.id
  description       = "Allowed clients"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_ipv4         = each.value
}

output "id" {
  value = aws_security_group.this.id
}
