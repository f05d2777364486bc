provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Team = "platform"
    }
  }
}

resource "aws_security_group" "untagged" {
  name        = "game-servers-production"
  description = "Production game servers"
}

resource "aws_security_group" "lowercase" {
  name        = "batch-workers"
  description = "Batch workers"

  tags = {
    name = "batch-workers"
  }
}
