provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group" "game" {
  name        = "game"
  description = "Production game servers"
  tags        = {
    name = "game-servers-production"
  }
}

output "security_group_ids" {
  value = [aws_security_group.game.id]
}
