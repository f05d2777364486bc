variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "peer_group_id" {
  type = string
}

resource "aws_security_group" "this" {
  name        = "orders-app"
  description = "Orders application servers"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "from_edge" {
  security_group_id            = aws_security_group.this.id
  description                  = "Requests from the edge proxies"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.peer_group_id
}

resource "aws_vpc_security_group_ingress_rule" "metrics" {
  security_group_id = aws_security_group.this.id
  description       = "Metrics scrapes from the VPC"
  ip_protocol       = "tcp"
  from_port         = 9090
  to_port           = 9090
  cidr_ipv4         = var.vpc_cidr
}

output "group_id" {
  value = aws_security_group.this.id
}
