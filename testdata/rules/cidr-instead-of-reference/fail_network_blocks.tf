# Internal ranges by construction, even where their values are not known before apply.
variable "vpc_cidr" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
}

resource "aws_subnet" "app" {
  for_each   = toset(["a", "b"])
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.vpc_cidr, 8, each.key == "a" ? 1 : 2)
}

data "aws_vpc" "shared" {
  tags = { Name = "shared-services" }
}

locals {
  app_cidrs = [for s in aws_subnet.app : s.cidr_block]
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "PostgreSQL from the app subnets"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = local.app_cidrs
  }

  ingress {
    description = "PostgreSQL from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_security_group_rule" "shared" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  description       = "PostgreSQL from shared services"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = [data.aws_vpc.shared.cidr_block]
}

resource "aws_vpc_security_group_ingress_rule" "private" {
  security_group_id = aws_security_group.db.id
  description       = "PostgreSQL from the private subnets"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = module.vpc.vpc_cidr_block
}

resource "aws_security_group_rule" "database_subnets" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  description       = "Replication between database subnets"
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = module.vpc.database_subnets_cidr_blocks
}
