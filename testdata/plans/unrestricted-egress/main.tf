provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Orders application"

  egress {
    description = "Everything out"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

output "security_group_ids" {
  value = [aws_security_group.app.id]
}
