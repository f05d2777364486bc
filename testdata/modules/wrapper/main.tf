resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

module "web_sg" {
  source      = "./modules/sg"
  name        = "web-servers"
  vpc_id      = aws_vpc.main.id
  admin_cidrs = ["0.0.0.0/0"]
  peer_group  = module.db_sg.id
}

module "db_sg" {
  source      = "./modules/sg"
  name        = "orders-db"
  vpc_id      = aws_vpc.main.id
  admin_cidrs = ["10.0.1.0/24"]
  peer_group  = module.web_sg.id
}
