resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders application servers"

  ingress {
    description = "HTTPS from the load balancer subnets"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.1.0/24"]
  }

  # Overlapping ports, but neither contains the other.
  ingress {
    description = "Admin ports from the VPN"
    from_port   = 400
    to_port     = 500
    protocol    = "tcp"
    cidr_blocks = ["10.8.0.0/16"]
  }

  # UDP is not TCP.
  ingress {
    description = "QUIC from the load balancer subnets"
    from_port   = 443
    to_port     = 443
    protocol    = "udp"
    cidr_blocks = ["10.0.1.0/24"]
  }

  egress {
    description     = "PostgreSQL to the database"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.db.id]
  }
}

# Another group's rules are not this group's.
resource "aws_vpc_security_group_ingress_rule" "db_from_vpc" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "10.0.0.0/8"
  ip_protocol       = "-1"
  description       = "Everything from the internal network"
}

# A source not known before apply is never a match.
resource "aws_vpc_security_group_ingress_rule" "app_from_peer" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = var.peer_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS from the peer"
}

resource "aws_security_group_rule" "app_from_anyone_known" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = [var.office_cidr]
  description       = "Everything from the office"
}
