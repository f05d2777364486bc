provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "web" {
  name        = "allow-https-8443"
  description = "Web servers of the game"

  ingress {
    description = "HTTPS from the internet"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Game servers"
}
