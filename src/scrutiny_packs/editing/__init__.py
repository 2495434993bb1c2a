"""Tools for the people who keep the bank: new questions, duplicate warnings, review dates."""
