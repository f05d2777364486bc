variable "name" {
  type = string
}

variable "cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "Orders servers"
}

# Written once, called from both roots: one finding.
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.this.id
  protocol          = "tcp"
  from_port         = 8443
  to_port           = 8443
  cidr_blocks       = var.cidrs
}

output "id" {
  value = aws_security_group.this.id
}
