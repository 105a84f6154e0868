print("vidclass")
