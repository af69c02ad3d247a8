import { UserManager } from 'oidc-client-ts';

/**
 * The page the identity provider answers a silent renewal with, inside a hidden frame: it hands
 * the answer to the app in the parent window, which checks and redeems it. The settings are not
 * used for that hand-over; the library only asks for them.
 */
void new UserManager({ authority: window.location.origin, client_id: 'silent-renew', redirect_uri: window.location.href }).signinSilentCallback();
