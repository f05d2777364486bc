resource "aws_security_group" "web" {
  name        = "web-frontends"
  description = "Web front ends"

  ingress {
    description = "HTTPS, with the protocol named after the service"
    from_port   = 443
    to_port     = 443
    protocol    = "https"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "Range typed backwards"
    from_port   = 8080
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    description = "All traffic with ports"
    from_port   = 0
    to_port     = 65535
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group_rule" "too_high" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  description       = "Port past the end"
  from_port         = 8000
  to_port           = 70000
  protocol          = "udp"
  cidr_blocks       = ["10.0.0.0/16"]
}

resource "aws_vpc_security_group_ingress_rule" "icmp" {
  security_group_id = aws_security_group.web.id
  description       = "ICMP code out of range"
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "icmp"
  from_port         = 3
  to_port           = 300
}
