variable "vpc_id" {
  type = string
}

variable "app_group_id" {
  type = string
}

resource "aws_security_group" "this" {
  name        = "edge-proxies"
  description = "Edge proxies"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "from_app" {
  security_group_id            = aws_security_group.this.id
  description                  = "Callbacks from the application"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = var.app_group_id
}

# Neither attached nor given to anyone.
resource "aws_security_group" "spare" {
  name        = "spare-capacity"
  description = "Spare capacity hosts"
  vpc_id      = var.vpc_id
}

output "group_id" {
  value = aws_security_group.this.id
}
