variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "admin_cidrs" {
  type = list(string)
}

variable "peer_group" {
  type = string
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "Servers of ${var.name}"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "admin" {
  for_each          = toset(var.admin_cidrs)
  security_group_id = aws_security_group.this.id
  description       = "SSH from administrators"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "peer" {
  security_group_id            = aws_security_group.this.id
  description                  = "Traffic from the peer group"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.peer_group
}

output "id" {
  value = aws_security_group.this.id
}
