# Seed 003's fix: names that say what the group contains.
resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Production game servers"
}

resource "aws_security_group" "lb" {
  name        = "lb-game-production"
  description = "Game load balancer"
  tags        = { Name = "monitoring" }
}

# Seed 000: tier numbers, `db`, `sg` name contents.
resource "aws_security_group" "db" {
  name        = "tier5-db-sg"
  description = "Database tier"
}

# Instance and version suffixes are not ports.
resource "aws_security_group" "workers" {
  count       = 3
  name        = "workers-${count.index}"
  description = "Workers"
}

resource "aws_security_group" "api" {
  name        = "api-v2"
  description = "API"
}

resource "aws_security_group" "web" {
  name        = "web-2"
  description = "Web tier"

  ingress {
    description = "All traffic from the load balancer opens every port, not port 2"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }
}

# Unknown names are never reported.
variable "name" {}

resource "aws_security_group" "unknown" {
  name        = var.name
  description = "Named by the caller"
}
