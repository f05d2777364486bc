resource "aws_security_group" "game" {
  name        = "game-servers"
  description = "Game servers behind the game NLB"

  ingress {
    description = "Game traffic from the NLB subnets"
    from_port   = 7777
    to_port     = 7777
    protocol    = "udp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    description = ""
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "lobby" {
  name        = "lobby"
  description = "Managed by Terraform"
}

resource "aws_security_group" "test_runners" {
  name        = "test-runners"
  description = "Test runners of the CI system"
}
