/**
 * Not API. JNA bindings that must be public for JNA's proxies and callbacks: the Ghostscript API's
 * {@code gsapi_set_stdio} with C-convention console callbacks ({@code iapi.h}).
 */
package org.faxgw.render.internal;
