variable "name" {
  type = string
}

variable "description" {
  type    = string
  default = "Security Group managed by Terraform"
}

variable "vpc_id" {
  type = string
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_rules" {
  type    = list(string)
  default = []
}

variable "rules" {
  type = map(list(any))
  default = {
    https-443-tcp = [443, 443, "tcp", "HTTPS"]
    ssh-tcp       = [22, 22, "tcp", "SSH"]
  }
}

resource "aws_security_group" "this" {
  name        = var.name
  description = var.description
  vpc_id      = var.vpc_id
}

resource "aws_security_group_rule" "ingress_rules" {
  count = length(var.ingress_rules)

  security_group_id = aws_security_group.this.id
  type              = "ingress"

  cidr_blocks = var.ingress_cidr_blocks
  description = var.rules[var.ingress_rules[count.index]][3]
  from_port   = var.rules[var.ingress_rules[count.index]][0]
  to_port     = var.rules[var.ingress_rules[count.index]][1]
  protocol    = var.rules[var.ingress_rules[count.index]][2]
}

output "security_group_id" {
  value = aws_security_group.this.id
}
