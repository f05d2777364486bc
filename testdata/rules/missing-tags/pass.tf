provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Name = "set-by-the-provider"
    }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

resource "aws_security_group" "tagged" {
  name        = "game-servers-production"
  description = "Production game servers"

  tags = {
    Name = "game-servers-production"
  }
}

# The provider's default tags supply `Name`.
resource "aws_security_group" "default_tagged" {
  name        = "batch-workers"
  description = "Batch workers"
}

# Part of the map is not known before apply: it may hold the tag.
resource "aws_security_group" "merged" {
  provider    = aws.us
  name        = "reporting"
  description = "Reporting servers"
  tags        = merge(var.tags, { Team = "data" })
}
