# A module that others call: `create` defaults to false, but callers switch the group on, so it
# is linted as a group that may exist.
variable "create" {
  type    = bool
  default = false
}

variable "admin_cidrs" {
  type    = list(string)
  default = []
}

locals {
  enabled = var.create && length(var.admin_cidrs) > 0
}

resource "aws_security_group" "admin" {
  count       = local.enabled ? 1 : 0
  name        = "admin-hosts"
  description = "Admin hosts"

  ingress {
    description = "SSH for operators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "rdp" {
  for_each          = toset(var.admin_cidrs)
  type              = "ingress"
  security_group_id = aws_security_group.admin[0].id
  description       = "RDP for operators"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
