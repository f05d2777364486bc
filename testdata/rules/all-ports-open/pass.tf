resource "aws_security_group" "game" {
  name        = "game-servers"
  description = "Game servers"

  ingress {
    description = "Admin UI from the office"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }

  ingress {
    description = "Ephemeral ports from the office"
    from_port   = 1024
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }

  ingress {
    description = "Cluster members, broad-self-reference's"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }

  egress {
    description = "Everything out, unrestricted-egress's"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_lb" {
  security_group_id            = aws_security_group.game.id
  description                  = "Every port from the load balancer's group"
  referenced_security_group_id = "sg-0123456789abcdef0"
  ip_protocol                  = "-1"
}
