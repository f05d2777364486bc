resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Production game servers"

  tags = {
    Name     = "game-servers-production"
    Team     = "platform"
    Username = "unrelated"
  }
}

resource "aws_security_group" "tagged_elsewhere" {
  name        = "batch-workers"
  description = "Batch workers"
  tags        = var.tags
}
