"""newsdesk: who said what, about whom, where and when — from news as it really arrives."""

__version__ = "0.1.0"
