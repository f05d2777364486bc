resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"

  ingress {
    description = "Echo request: for ICMP the ports are type 8 and code 0"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "Any ICMPv6"
    from_port   = -1
    to_port     = -1
    protocol    = "58"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "ESP by number"
    from_port   = 0
    to_port     = 0
    protocol    = "50"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    description = "All traffic"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.web.id
  description       = "All traffic, no ports"
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "-1"
}

resource "aws_security_group_rule" "range" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  description       = "Ephemeral ports, by variable"
  from_port         = 1024
  to_port           = var.last_port
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
