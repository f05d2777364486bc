variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "port" {
  type = number
}

variable "sources" {
  type = list(string)
}

resource "aws_security_group" "this" {
  name   = var.name
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "in" {
  count             = length(var.sources) > 0 ? 1 : 0
  type              = "ingress"
  security_group_id = aws_security_group.this.id
  description       = "Clients of the tier"
  protocol          = "tcp"
  from_port         = var.port
  to_port           = var.port
  cidr_blocks       = var.sources
}

output "id" {
  value = aws_security_group.this.id
}
