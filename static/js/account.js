// The account page: once a passkey is registered, show it in the list.
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
