resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, 1)
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "PostgreSQL from the app subnet and a peer"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    # Inside the VPC; the subnet's own CIDR; a private range outside the VPC (a note: may be a peer).
    cidr_blocks = ["10.0.3.0/24", aws_subnet.app.cidr_block, "172.20.0.0/16"]
  }
}

# The group's VPC is not in this configuration: any private range is reported.
resource "aws_security_group_rule" "cache_from_app" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 6379
  to_port           = 6379
  protocol          = "tcp"
  cidr_blocks       = split(",", "192.168.1.0/24,203.0.113.0/24")
  ipv6_cidr_blocks  = ["fd12:3456:789a::/48"]
  description       = "Redis from the app tier"
}

resource "aws_vpc_security_group_egress_rule" "app_to_db" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = aws_vpc.main.cidr_block
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  description       = "Replies are stateful; this egress is to the whole VPC"
}
