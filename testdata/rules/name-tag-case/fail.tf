resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Production game servers"

  tags = {
    name = "game-servers-production"
    Team = "platform"
  }
}

resource "aws_default_security_group" "default" {
  vpc_id = var.vpc_id

  tags = merge(var.common_tags, {
    NAME = "default-locked-down"
  })
}

output "game_security_group_id" {
  value = aws_security_group.game.id
}
