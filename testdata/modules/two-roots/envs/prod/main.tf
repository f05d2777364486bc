provider "aws" {
  region = "eu-west-1"
}

module "sg" {
  source = "../../modules/sg"

  name  = "orders-prod"
  cidrs = ["0.0.0.0/0"]
}
