provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "game" {
  name        = "game"
  description = "Game servers"

  ingress {
    description = "Everything from the office"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}

resource "aws_vpc_security_group_egress_rule" "to_partner" {
  security_group_id = aws_security_group.game.id
  cidr_ipv4         = "198.51.100.0/24"
  ip_protocol       = "-1"
  description       = "Everything to the partner"
}

output "security_group_ids" {
  value = [aws_security_group.game.id]
}
